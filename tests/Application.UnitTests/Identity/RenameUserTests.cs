using NSubstitute;
using Shop.Application.Caching;
using Shop.Application.EdgePorts;
using Shop.Application.Errors;
using Shop.Application.Identity.Ports;
using Shop.Application.Identity.RenameUser;
using Shop.Application.Persistence;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Identity;

namespace Shop.Application.UnitTests.Identity;

public sealed class RenameUserTests
{
    private static readonly DateTimeOffset Later = new(2026, 11, 26, 8, 30, 0, TimeSpan.Zero);
    private readonly IUserRepository _users = Substitute.For<IUserRepository>();
    private readonly RenameUserHandler _handler;

    public RenameUserTests() =>
        _handler = new RenameUserHandler(_users, new FixedTimeProvider(Later));

    [Fact]
    public async Task Renames_the_user_and_invalidates_the_profile_cache()
    {
        var user = User.Create("ann@example.com", "Ann", "ann-hash", TestData.Clock());
        _users.GetByIdAsync(user.Id, Arg.Any<CancellationToken>()).Returns(user);

        var response = await _handler.Handle(new RenameUserCommand(user.Id, "  Annie  "), CancellationToken.None);

        Assert.Equal(user.Id, response.Id);
        Assert.Equal("ann@example.com", response.Email);
        Assert.Equal("Annie", response.Name);
        Assert.Equal(TestData.NowStored, response.CreatedAt);
        Assert.Equal(Later.UtcDateTime, response.UpdatedAt);
        Assert.Equal("Annie", user.Name);
    }

    [Fact]
    public async Task An_unknown_user_is_not_found_and_nothing_is_invalidated()
    {
        _users.GetByIdAsync(TestData.UserId, Arg.Any<CancellationToken>()).Returns((User?)null);

        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new RenameUserCommand(TestData.UserId, "Annie"), CancellationToken.None).AsTask());

        Assert.Equal($"User '{TestData.UserId}' was not found.", exception.Message);
    }

    public sealed class Validator
    {
        private readonly RenameUserValidator _validator = new();

        [Theory]
        [InlineData(1)]
        [InlineData(100)]
        public void Accepts_a_name_of_1_to_100_characters(int length) =>
            ValidationAssert.Passes(_validator, new RenameUserCommand(TestData.UserId, new string('n', length)));

        [Fact]
        public void Measures_the_name_without_surrounding_spaces() =>
            ValidationAssert.Passes(_validator, new RenameUserCommand(TestData.UserId, $"  {new string('n', 100)}  "));

        [Fact]
        public void Refuses_a_name_of_101_characters() =>
            ValidationAssert.FailsOn(_validator, new RenameUserCommand(TestData.UserId, new string('n', 101)), "Name");

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        public void Refuses_an_empty_name(string name) =>
            ValidationAssert.FailsOn(_validator, new RenameUserCommand(TestData.UserId, name), "Name");
    }
}
