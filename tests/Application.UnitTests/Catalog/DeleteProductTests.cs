using Mediator;
using NSubstitute;
using Shop.Application.Caching;
using Shop.Application.Catalog.DeleteProduct;
using Shop.Application.Catalog.Ports;
using Shop.Application.EdgePorts;
using Shop.Application.Errors;
using Shop.Application.Persistence;
using Shop.Application.UnitTests.Support;
using Shop.Domain.Catalog;

namespace Shop.Application.UnitTests.Catalog;

public sealed class DeleteProductTests
{
    private readonly IProductRepository _products = Substitute.For<IProductRepository>();
    private readonly DeleteProductHandler _handler;

    public DeleteProductTests() => _handler = new DeleteProductHandler(_products);

    [Fact]
    public async Task Removes_the_product_and_invalidates_its_cache()
    {
        var product = TestData.Product();
        _products.GetForUpdateAsync(Arg.Is<IReadOnlyCollection<Guid>>(ids => ids.Single() == product.Id), Arg.Any<CancellationToken>()).Returns([product]);

        var result = await _handler.Handle(new DeleteProductCommand(product.Id), CancellationToken.None);

        Assert.Equal(Unit.Value, result);
        _products.Received(1).Remove(product);
        Assert.Contains(new ProductDeleted(product.Id), product.TakeDomainEvents());
    }

    [Fact]
    public async Task An_unknown_product_is_not_found_and_nothing_is_removed()
    {
        var id = Guid.NewGuid();
        _products.GetForUpdateAsync(Arg.Is<IReadOnlyCollection<Guid>>(ids => ids.Single() == id), Arg.Any<CancellationToken>()).Returns([]);

        var exception = await Assert.ThrowsAsync<NotFoundException>(() =>
            _handler.Handle(new DeleteProductCommand(id), CancellationToken.None).AsTask());

        Assert.Equal($"Product '{id}' was not found.", exception.Message);
        _products.DidNotReceiveWithAnyArgs().Remove(default!);
    }

    public sealed class Validator
    {
        private readonly DeleteProductValidator _validator = new();

        [Fact]
        public void Accepts_a_product_id() =>
            ValidationAssert.Passes(_validator, new DeleteProductCommand(Guid.NewGuid()));

        [Fact]
        public void Refuses_an_empty_product_id() =>
            ValidationAssert.FailsOn(_validator, new DeleteProductCommand(Guid.Empty), "ProductId");
    }
}
