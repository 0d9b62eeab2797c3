using NSubstitute;
using Shop.Application.Caching;
using Shop.Application.Catalog;
using Shop.Application.Catalog.AdjustStock;
using Shop.Application.Catalog.Ports;
using Shop.Application.EdgePorts;
using Shop.Application.Errors;
using Shop.Application.Persistence;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Catalog;

namespace Shop.Application.UnitTests.Catalog;

public sealed class AdjustStockTests
{
    private readonly IProductRepository _products = Substitute.For<IProductRepository>();
    private readonly AdjustStockHandler _handler;
    private readonly Product _product = TestData.Product(price: 12.50m, stock: 10);

    public AdjustStockTests()
    {
        _products.GetForUpdateAsync(
                Arg.Is<IReadOnlyCollection<Guid>>(ids => ids.SequenceEqual(new[] { _product.Id })), Arg.Any<CancellationToken>())
            .Returns(new[] { _product });
        _handler = new AdjustStockHandler(_products);
    }

    [Theory]
    [InlineData(5, 15, true)]
    [InlineData(-3, 7, true)]
    [InlineData(-10, 0, false)]
    public async Task Adds_the_delta_to_the_locked_product_and_invalidates_its_cache(int delta, int expectedStock, bool available)
    {
        var response = await _handler.Handle(new AdjustStockCommand(_product.Id, delta), CancellationToken.None);

        Assert.Equal(new ProductResponse(_product.Id, "Widget", "A useful widget", 12.50m, expectedStock, available), response);
        Assert.Equal(expectedStock, _product.Stock);
    }

    [Fact]
    public async Task Stock_below_zero_is_refused_and_nothing_changes()
    {
        var exception = await Assert.ThrowsAsync<InsufficientStockException>(() =>
            _handler.Handle(new AdjustStockCommand(_product.Id, -11), CancellationToken.None).AsTask());

        Assert.Equal(_product.Id, exception.ProductId);
        Assert.Equal(10, _product.Stock);
    }

    [Fact]
    public async Task An_unknown_product_is_not_found()
    {
        var id = Guid.NewGuid();
        _products.GetForUpdateAsync(Arg.Is<IReadOnlyCollection<Guid>>(ids => ids.Contains(id)), Arg.Any<CancellationToken>())
            .Returns(Array.Empty<Product>());

        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new AdjustStockCommand(id, 1), CancellationToken.None).AsTask());

        Assert.Equal($"Product '{id}' was not found.", exception.Message);
    }

    public sealed class Validator
    {
        private readonly AdjustStockValidator _validator = new();

        [Theory]
        [InlineData(1)]
        [InlineData(-1)]
        [InlineData(int.MaxValue)]
        [InlineData(int.MinValue)]
        public void Accepts_a_non_zero_delta(int delta) =>
            ValidationAssert.Passes(_validator, new AdjustStockCommand(Guid.NewGuid(), delta));

        [Fact]
        public void Refuses_a_zero_delta() =>
            ValidationAssert.FailsOn(_validator, new AdjustStockCommand(Guid.NewGuid(), 0), "Delta");

        [Fact]
        public void Refuses_a_missing_delta() =>
            ValidationAssert.FailsOn(_validator, new AdjustStockCommand(Guid.NewGuid(), null), "Delta");
    }
}
