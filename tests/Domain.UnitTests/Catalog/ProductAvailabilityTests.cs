using Shop.Domain.Catalog;

namespace Shop.Domain.UnitTests.Catalog;

public class ProductAvailabilityTests
{
    [Fact]
    public void EnsureAvailable_accepts_up_to_the_stock_and_leaves_it_untouched()
    {
        var product = Product.Create("Mug", null, 5m, 3);

        product.EnsureAvailable(3);

        Assert.Equal(3, product.Stock);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(0)]
    public void EnsureAvailable_refuses_more_than_the_stock_or_nothing(int quantity)
    {
        var product = Product.Create("Mug", null, 5m, 3);

        var error = Assert.Throws<InsufficientStockException>(() => product.EnsureAvailable(quantity));

        Assert.Equal(product.Id, error.ProductId);
        Assert.Equal($"Product '{product.Id}' has 3 in stock; {quantity} requested.", error.Message);
    }
}
