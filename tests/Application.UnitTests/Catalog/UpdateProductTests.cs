using System.Globalization;
using NSubstitute;
using Shop.Application.Caching;
using Shop.Application.Catalog.Ports;
using Shop.Application.Catalog.UpdateProduct;
using Shop.Application.EdgePorts;
using Shop.Application.Errors;
using Shop.Application.Persistence;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Catalog;

namespace Shop.Application.UnitTests.Catalog;

public sealed class UpdateProductTests
{
    private readonly IProductRepository _products = Substitute.For<IProductRepository>();
    private readonly UpdateProductHandler _handler;

    public UpdateProductTests() => _handler = new UpdateProductHandler(_products);

    [Fact]
    public async Task Updates_the_product_and_invalidates_its_cache()
    {
        var product = TestData.Product(price: 12.50m, stock: 4);
        _products.GetForUpdateAsync(Arg.Is<IReadOnlyCollection<Guid>>(ids => ids.Single() == product.Id), Arg.Any<CancellationToken>()).Returns([product]);

        var response = await _handler.Handle(
            new UpdateProductCommand(product.Id, " Gadget ", null, 9.99m), CancellationToken.None);

        Assert.Equal(new Shop.Application.Catalog.ProductResponse(product.Id, "Gadget", null, 9.99m, 4, true), response);
        Assert.Equal("Gadget", product.Name);
        Assert.Equal(9.99m, product.Price);
    }

    [Fact]
    public async Task An_unknown_product_is_not_found_and_nothing_is_invalidated()
    {
        var id = Guid.NewGuid();
        _products.GetForUpdateAsync(Arg.Is<IReadOnlyCollection<Guid>>(ids => ids.Single() == id), Arg.Any<CancellationToken>()).Returns([]);

        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new UpdateProductCommand(id, "Gadget", null, 9.99m), CancellationToken.None).AsTask());

        Assert.Equal($"Product '{id}' was not found.", exception.Message);
    }

    public sealed class Validator
    {
        private static readonly UpdateProductCommand Valid = new(Guid.NewGuid(), "Gadget", "A gadget", 9.99m);
        private readonly UpdateProductValidator _validator = new();

        [Fact]
        public void Accepts_a_valid_command() => ValidationAssert.Passes(_validator, Valid);

        [Theory]
        [InlineData(1)]
        [InlineData(255)]
        public void Accepts_a_name_of_1_to_255_characters(int length) =>
            ValidationAssert.Passes(_validator, Valid with { Name = new string('n', length) });

        [Theory]
        [InlineData("")]
        [InlineData("  ")]
        public void Refuses_an_empty_name(string name) =>
            ValidationAssert.FailsOn(_validator, Valid with { Name = name }, "Name");

        [Fact]
        public void Refuses_a_name_of_256_characters() =>
            ValidationAssert.FailsOn(_validator, Valid with { Name = new string('n', 256) }, "Name");

        [Fact]
        public void Accepts_a_description_of_10000_characters() =>
            ValidationAssert.Passes(_validator, Valid with { Description = new string('d', 10_000) });

        [Fact]
        public void Refuses_a_description_of_10001_characters() =>
            ValidationAssert.FailsOn(_validator, Valid with { Description = new string('d', 10_001) }, "Description");

        [Theory]
        [InlineData("0")]
        [InlineData("99999999.99")]
        public void Accepts_a_price_at_the_limits(string price) =>
            ValidationAssert.Passes(_validator, Valid with { Price = decimal.Parse(price, CultureInfo.InvariantCulture) });

        [Theory]
        [InlineData("-0.01")]
        [InlineData("100000000.00")]
        [InlineData("9.999")]
        public void Refuses_a_price_out_of_range_or_with_three_decimals(string price) =>
            ValidationAssert.FailsOn(_validator, Valid with { Price = decimal.Parse(price, CultureInfo.InvariantCulture) }, "Price");

        [Fact]
        public void Refuses_a_missing_price() =>
            ValidationAssert.FailsOn(_validator, Valid with { Price = null }, "Price");
    }
}
