using FluentValidation;
using Mediator;
using Shop.Application.Catalog.Ports;
using Shop.Application.Errors;

namespace Shop.Application.Catalog.DeleteProduct;

/// <summary>Removes a product no order refers to (the database refuses otherwise: 409).</summary>
public sealed record DeleteProductCommand(Guid ProductId) : ICommand;

internal sealed class DeleteProductValidator : AbstractValidator<DeleteProductCommand>
{
    public DeleteProductValidator() => RuleFor(command => command.ProductId).NotEmpty();
}

internal sealed class DeleteProductHandler : ICommandHandler<DeleteProductCommand>
{
    private readonly IProductRepository _products;

    public DeleteProductHandler(IProductRepository products)
    {
        _products = products;
    }

    public async ValueTask<Unit> Handle(DeleteProductCommand command, CancellationToken cancellationToken)
    {
        // Locked first, like every change of an existing product: its events then commit in the order they are written.
        var locked = await _products.GetForUpdateAsync([command.ProductId], cancellationToken);
        var product = locked.Count == 1 ? locked[0] : throw new NotFoundException("Product", command.ProductId);
        product.Delete();
        _products.Remove(product);
        return Unit.Value;
    }
}
