using Shop.Domain.Catalog;
using Shop.Domain.Common;

namespace Shop.Domain.UnitTests.Catalog;

public class ProductTests
{
    public static TheoryData<decimal> ValidPrices => new()
    {
        0m,
        0.01m,
        1m,
        1.5m,
        19.99m,
        10.50m,
        10.500m,
        99_999_999.98m,
        99_999_999.99m,
    };

    public static TheoryData<decimal> InvalidPrices => new()
    {
        -0.01m,
        -1m,
        -99_999_999.99m,
        99_999_999.991m,
        100_000_000m,
        decimal.MaxValue,
        0.001m,
        0.005m,
        1.005m,
        19.999m,
    };

    private static Product NewProduct(int stock = 5) => Product.Create("Mug", "A blue mug", 12.50m, stock);

    [Fact]
    public void Create_sets_every_field()
    {
        var product = Product.Create("  Blue mug  ", "  Holds 350 ml.  ", 12.50m, 7);

        Assert.Equal("Blue mug", product.Name);
        Assert.Equal("  Holds 350 ml.  ", product.Description);
        Assert.Equal(12.50m, product.Price);
        Assert.Equal(7, product.Stock);
    }

    [Fact]
    public void Create_gives_a_non_empty_version_7_id()
    {
        var product = NewProduct();

        Assert.NotEqual(Guid.Empty, product.Id);
        Assert.Equal(7, product.Id.Version);
        Assert.NotEqual(NewProduct().Id, product.Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_refuses_a_missing_name(string? name)
    {
        var ex = Assert.Throws<DomainValidationException>(() => Product.Create(name!, null, 1m, 0));

        Assert.Equal("name", ex.Field);
        Assert.Equal("'name' must not be empty.", ex.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(255)]
    public void Create_accepts_a_name_of_1_to_255_characters(int length)
    {
        var name = new string('n', length);

        Assert.Equal(name, Product.Create(name, null, 1m, 0).Name);
    }

    [Fact]
    public void Create_refuses_a_name_of_256_characters()
    {
        var ex = Assert.Throws<DomainValidationException>(() => Product.Create(new string('n', 256), null, 1m, 0));

        Assert.Equal("name", ex.Field);
        Assert.Equal("'name' must be at most 255 characters.", ex.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Create_accepts_no_description(string? description)
    {
        Assert.Equal(description, Product.Create("Mug", description, 1m, 0).Description);
    }

    [Fact]
    public void Create_accepts_a_description_of_10000_characters()
    {
        var description = new string('d', 10_000);

        Assert.Equal(description, Product.Create("Mug", description, 1m, 0).Description);
    }

    [Fact]
    public void Create_refuses_a_description_of_10001_characters()
    {
        var ex = Assert.Throws<DomainValidationException>(
            () => Product.Create("Mug", new string('d', 10_001), 1m, 0));

        Assert.Equal("description", ex.Field);
        Assert.Equal("'description' must be at most 10000 characters.", ex.Message);
    }

    [Theory]
    [MemberData(nameof(ValidPrices))]
    public void Create_accepts_a_price_from_0_to_the_maximum_with_two_decimals(decimal price)
    {
        Assert.Equal(price, Product.Create("Mug", null, price, 0).Price);
    }

    [Theory]
    [MemberData(nameof(InvalidPrices))]
    public void Create_refuses_a_negative_too_large_or_too_precise_price(decimal price)
    {
        var ex = Assert.Throws<DomainValidationException>(() => Product.Create("Mug", null, price, 0));

        Assert.Equal("price", ex.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(int.MaxValue)]
    public void Create_accepts_a_stock_of_zero_or_more(int stock)
    {
        Assert.Equal(stock, Product.Create("Mug", null, 1m, stock).Stock);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Create_refuses_a_negative_stock(int stock)
    {
        var ex = Assert.Throws<DomainValidationException>(() => Product.Create("Mug", null, 1m, stock));

        Assert.Equal("stock", ex.Field);
        Assert.Equal("'stock' must not be negative.", ex.Message);
    }

    [Fact]
    public void Update_replaces_name_description_and_price_and_keeps_id_and_stock()
    {
        var product = NewProduct(stock: 9);
        var id = product.Id;

        product.Update("  Red mug ", null, 14.99m);

        Assert.Equal(id, product.Id);
        Assert.Equal("Red mug", product.Name);
        Assert.Null(product.Description);
        Assert.Equal(14.99m, product.Price);
        Assert.Equal(9, product.Stock);
    }

    [Fact]
    public void Update_refuses_a_missing_name_and_changes_nothing()
    {
        var product = NewProduct();

        var ex = Assert.Throws<DomainValidationException>(() => product.Update(" ", "Other", 3m));

        Assert.Equal("name", ex.Field);
        AssertUnchanged(product);
    }

    [Theory]
    [MemberData(nameof(InvalidPrices))]
    public void Update_refuses_an_invalid_price_and_keeps_the_price(decimal price)
    {
        var product = NewProduct();

        var ex = Assert.Throws<DomainValidationException>(() => product.Update("Mug", "A blue mug", price));

        Assert.Equal("price", ex.Field);
        AssertUnchanged(product);
    }

    [Fact]
    public void Update_refused_for_its_price_changes_nothing_else_either()
    {
        // Known domain bug: Update assigns Name and Description before validating the price.
        var product = NewProduct();

        var ex = Assert.Throws<DomainValidationException>(() => product.Update("Red mug", "A red mug", -1m));

        Assert.Equal("price", ex.Field);
        AssertUnchanged(product);
    }

    [Fact]
    public void Update_refuses_a_description_of_10001_characters_and_changes_nothing()
    {
        // Known domain bug: Update assigns Name before validating the description.
        var product = NewProduct();

        var ex = Assert.Throws<DomainValidationException>(
            () => product.Update("Red mug", new string('d', 10_001), 3m));

        Assert.Equal("description", ex.Field);
        AssertUnchanged(product);
    }

    [Theory]
    [InlineData(5, 3, 8)]
    [InlineData(5, 0, 5)]
    [InlineData(5, -2, 3)]
    [InlineData(5, -5, 0)]
    [InlineData(0, 1, 1)]
    [InlineData(0, int.MaxValue, int.MaxValue)]
    [InlineData(int.MaxValue, -int.MaxValue, 0)]
    public void UpdateStock_adds_the_signed_delta(int stock, int delta, int expected)
    {
        var product = NewProduct(stock);

        product.UpdateStock(delta);

        Assert.Equal(expected, product.Stock);
    }

    [Theory]
    [InlineData(5, -6)]
    [InlineData(0, -1)]
    [InlineData(5, int.MinValue)]
    public void UpdateStock_refuses_to_go_below_zero_and_keeps_the_stock(int stock, int delta)
    {
        var product = NewProduct(stock);

        var ex = Assert.Throws<InsufficientStockException>(() => product.UpdateStock(delta));

        Assert.Equal(product.Id, ex.ProductId);
        Assert.IsAssignableFrom<DomainConflictException>(ex);
        Assert.Equal(stock, product.Stock);
    }

    [Fact]
    public void UpdateStock_refusal_says_what_is_available_and_what_was_requested()
    {
        var product = NewProduct(stock: 5);

        var ex = Assert.Throws<InsufficientStockException>(() => product.UpdateStock(-6));

        Assert.Equal($"Product '{product.Id}' has 5 in stock; 6 requested.", ex.Message);
    }

    [Fact]
    public void UpdateStock_refusal_reports_a_positive_request_for_the_smallest_delta()
    {
        // -int.MinValue overflows back to int.MinValue, so the message says "-2147483648 requested".
        var product = NewProduct(stock: 5);

        var ex = Assert.Throws<InsufficientStockException>(() => product.UpdateStock(int.MinValue));

        Assert.Equal($"Product '{product.Id}' has 5 in stock; 2147483648 requested.", ex.Message);
    }

    [Theory]
    [InlineData(int.MaxValue, 1)]
    [InlineData(1, int.MaxValue)]
    public void UpdateStock_refuses_a_stock_above_int_max_and_keeps_the_stock(int stock, int delta)
    {
        var product = NewProduct(stock);

        var ex = Assert.Throws<DomainValidationException>(() => product.UpdateStock(delta));

        Assert.Equal("delta", ex.Field);
        Assert.Equal(stock, product.Stock);
    }

    [Theory]
    [InlineData(5, 1, true)]
    [InlineData(5, 4, true)]
    [InlineData(5, 5, true)]
    [InlineData(5, 6, false)]
    [InlineData(5, 0, false)]
    [InlineData(5, -1, false)]
    [InlineData(0, 1, false)]
    [InlineData(0, 0, false)]
    public void IsAvailable_is_true_only_for_a_positive_quantity_within_the_stock(int stock, int quantity, bool expected)
    {
        Assert.Equal(expected, NewProduct(stock).IsAvailable(quantity));
    }

    [Fact]
    public void IsAvailable_follows_stock_changes()
    {
        var product = NewProduct(stock: 2);

        product.UpdateStock(-2);
        Assert.False(product.IsAvailable(1));

        product.UpdateStock(3);
        Assert.True(product.IsAvailable(3));
        Assert.False(product.IsAvailable(4));
    }

    private static void AssertUnchanged(Product product)
    {
        Assert.Equal("Mug", product.Name);
        Assert.Equal("A blue mug", product.Description);
        Assert.Equal(12.50m, product.Price);
        Assert.Equal(5, product.Stock);
    }
}
