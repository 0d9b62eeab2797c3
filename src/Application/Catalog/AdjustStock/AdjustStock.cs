using FluentValidation;
using Mediator;
using Shop.Application.Catalog.Ports;
using Shop.Application.Errors;
using Shop.Application.Validation;

namespace Shop.Application.Catalog.AdjustStock;

/// <summary>Adds a signed delta to a product's stock; the stock never goes below zero.</summary>
public sealed record AdjustStockCommand(Guid ProductId, int? Delta) : ICommand<ProductResponse>;

internal sealed class AdjustStockValidator : AbstractValidator<AdjustStockCommand>
{
    public AdjustStockValidator() => RuleFor(command => command.Delta).NotNull().NotEqual(0);
}

internal sealed class AdjustStockHandler : ICommandHandler<AdjustStockCommand, ProductResponse>
{
    private readonly IProductRepository _products;

    public AdjustStockHandler(IProductRepository products)
    {
        _products = products;
    }

    public async ValueTask<ProductResponse> Handle(AdjustStockCommand command, CancellationToken cancellationToken)
    {
        var locked = await _products.GetForUpdateAsync([command.ProductId], cancellationToken);
        var product = locked.Count == 1 ? locked[0] : throw new NotFoundException("Product", command.ProductId);
        product.UpdateStock(Validated.Present(command.Delta));
        return product.ToResponse();
    }
}
