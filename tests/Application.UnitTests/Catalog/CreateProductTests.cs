using System.Globalization;
using NSubstitute;
using Shop.Application.Catalog.CreateProduct;
using Shop.Application.Catalog.Ports;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Catalog;

namespace Shop.Application.UnitTests.Catalog;

public sealed class CreateProductTests
{
    private readonly IProductRepository _products = Substitute.For<IProductRepository>();
    private readonly CreateProductHandler _handler;

    public CreateProductTests() => _handler = new CreateProductHandler(_products);

    [Fact]
    public async Task Adds_the_product_and_answers_it()
    {
        var response = await _handler.Handle(
            new CreateProductCommand(" Widget ", "A useful widget", 12.50m, 7), CancellationToken.None);

        Assert.NotEqual(Guid.Empty, response.Id);
        Assert.Equal("Widget", response.Name);
        Assert.Equal("A useful widget", response.Description);
        Assert.Equal(12.50m, response.Price);
        Assert.Equal(7, response.Stock);
        Assert.True(response.IsAvailable);
        _products.Received(1).Add(Arg.Is<Product>(product =>
            product.Id == response.Id && product.Name == "Widget" && product.Price == 12.50m && product.Stock == 7));
    }

    [Fact]
    public async Task A_product_without_stock_is_not_available()
    {
        var response = await _handler.Handle(new CreateProductCommand("Widget", null, 0m, 0), CancellationToken.None);

        Assert.Null(response.Description);
        Assert.Equal(0, response.Stock);
        Assert.False(response.IsAvailable);
    }

    public sealed class Validator
    {
        private static readonly CreateProductCommand Valid = new("Widget", "A useful widget", 12.50m, 7);
        private readonly CreateProductValidator _validator = new();

        [Fact]
        public void Accepts_a_valid_command() => ValidationAssert.Passes(_validator, Valid);

        [Theory]
        [InlineData(1)]
        [InlineData(255)]
        public void Accepts_a_name_of_1_to_255_characters(int length) =>
            ValidationAssert.Passes(_validator, Valid with { Name = new string('n', length) });

        [Fact]
        public void Refuses_a_name_of_256_characters() =>
            ValidationAssert.FailsOn(_validator, Valid with { Name = new string('n', 256) }, "Name");

        [Theory]
        [InlineData("")]
        [InlineData("  ")]
        public void Refuses_an_empty_name(string name) =>
            ValidationAssert.FailsOn(_validator, Valid with { Name = name }, "Name");

        [Fact]
        public void Accepts_no_description() => ValidationAssert.Passes(_validator, Valid with { Description = null });

        [Fact]
        public void Accepts_a_description_of_10000_characters() =>
            ValidationAssert.Passes(_validator, Valid with { Description = new string('d', 10_000) });

        [Fact]
        public void Refuses_a_description_of_10001_characters() =>
            ValidationAssert.FailsOn(_validator, Valid with { Description = new string('d', 10_001) }, "Description");

        [Theory]
        [InlineData("0")]
        [InlineData("0.01")]
        [InlineData("1.5")]
        [InlineData("99999999.99")]
        public void Accepts_a_price_from_0_to_99999999_99_with_two_decimals(string price) =>
            ValidationAssert.Passes(_validator, Valid with { Price = decimal.Parse(price, CultureInfo.InvariantCulture) });

        [Theory]
        [InlineData("-0.01")]
        [InlineData("100000000.00")]
        [InlineData("1.001")]
        [InlineData("0.005")]
        public void Refuses_a_price_out_of_range_or_with_three_decimals(string price) =>
            ValidationAssert.FailsOn(_validator, Valid with { Price = decimal.Parse(price, CultureInfo.InvariantCulture) }, "Price");

        [Fact]
        public void Refuses_a_missing_price() =>
            ValidationAssert.FailsOn(_validator, Valid with { Price = null }, "Price");

        [Theory]
        [InlineData(0)]
        [InlineData(int.MaxValue)]
        public void Accepts_a_stock_of_zero_or_more(int stock) =>
            ValidationAssert.Passes(_validator, Valid with { Stock = stock });

        [Fact]
        public void Refuses_a_negative_stock() =>
            ValidationAssert.FailsOn(_validator, Valid with { Stock = -1 }, "Stock");

        [Fact]
        public void Refuses_a_missing_stock() =>
            ValidationAssert.FailsOn(_validator, Valid with { Stock = null }, "Stock");
    }
}
