using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Behaviors;
using Shop.Application.Caching;
using Shop.Application.Catalog.CreateProduct;
using Shop.Application.Identity.RenameUser;
using Shop.Application.Pagination;
using Shop.Application.UnitTests.Support;
using Shop.Application.Validation;
using Shop.Domain.Catalog;
using Shop.Domain.Common;
using Shop.Domain.Identity;

namespace Shop.Application.UnitTests.Common;

/// <summary>
/// One name rule for every module: a name the domain refuses, the module's validator refuses with the same
/// sentence (the validator answers first, so a different wording would show which one a client met).
/// </summary>
public sealed class NameRuleTests
{
    // The host's camelCase display names, which turn the validators' {PropertyName} into 'name'.
    static NameRuleTests() => new ServiceCollection().AddApplication();

    public static TheoryData<string> BadNames(int maxLength) =>
        ["", "   ", "Wid\0get", new string('x', maxLength + 1), $"  {new string('x', maxLength)}\0"];

    public static TheoryData<string> BadProductNames => BadNames(Product.MaxNameLength);

    public static TheoryData<string> BadUserNames => BadNames(User.MaxNameLength);

    [Theory]
    [MemberData(nameof(BadProductNames))]
    public void The_product_validator_words_a_bad_name_as_the_product_does(string name)
    {
        var refusal = Assert.Throws<DomainValidationException>(() => Product.Create(name, null, 1m, 1));

        var result = new CreateProductValidator().Validate(new CreateProductCommand(name, null, 1m, 1));

        Assert.Contains(refusal.Message, result.Errors.Select(error => error.ErrorMessage));
        Assert.All(result.Errors, error => Assert.Equal("Name", error.PropertyName));
    }

    [Theory]
    [MemberData(nameof(BadUserNames))]
    public void The_user_validator_words_a_bad_name_as_the_user_does(string name)
    {
        var user = User.Create("ann@example.com", "Ann", "ann-hash", TestData.Clock());
        var refusal = Assert.Throws<DomainValidationException>(() => user.Rename(name, TestData.Clock()));

        var result = new RenameUserValidator().Validate(new RenameUserCommand(user.Id, name));

        Assert.Contains(refusal.Message, result.Errors.Select(error => error.ErrorMessage));
        Assert.All(result.Errors, error => Assert.Equal("Name", error.PropertyName));
    }

    [Fact]
    public void A_handler_reached_without_a_required_value_says_which_one()
    {
        int? delta = null;

        var error = Assert.Throws<InvalidOperationException>(() => Validated.Present(delta));

        Assert.Contains("delta", error.Message, StringComparison.Ordinal);
    }
}
