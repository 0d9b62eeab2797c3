using FluentValidation;
using Mediator;
using Shop.Application.Catalog.Ports;
using Shop.Application.Errors;
using Shop.Application.Validation;

namespace Shop.Application.Catalog.UpdateProduct;

public sealed record UpdateProductCommand(Guid ProductId, string? Name, string? Description, decimal? Price) : ICommand<ProductResponse>;

internal sealed class UpdateProductValidator : AbstractValidator<UpdateProductCommand>
{
    public UpdateProductValidator()
    {
        RuleFor(command => command.Name).ValidName();
        RuleFor(command => command.Description).ValidDescription();
        RuleFor(command => command.Price).ValidPrice();
    }
}

internal sealed class UpdateProductHandler : ICommandHandler<UpdateProductCommand, ProductResponse>
{
    private readonly IProductRepository _products;

    public UpdateProductHandler(IProductRepository products)
    {
        _products = products;
    }

    public async ValueTask<ProductResponse> Handle(UpdateProductCommand command, CancellationToken cancellationToken)
    {
        // Locked first, like every change of an existing product: its events then commit in the order they are written.
        var locked = await _products.GetForUpdateAsync([command.ProductId], cancellationToken);
        var product = locked.Count == 1 ? locked[0] : throw new NotFoundException("Product", command.ProductId);
        product.Update(Validated.Present(command.Name), command.Description, Validated.Present(command.Price));
        return product.ToResponse();
    }
}
