using FluentValidation;
using Mediator;
using Shop.Application.Catalog.Ports;
using Shop.Application.Common;
using Shop.Application.Common.Errors;
using Shop.Application.Common.Ports;

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
    private readonly CacheInvalidation _invalidation;

    public UpdateProductHandler(IProductRepository products, CacheInvalidation invalidation)
    {
        _products = products;
        _invalidation = invalidation;
    }

    public async ValueTask<ProductResponse> Handle(UpdateProductCommand command, CancellationToken cancellationToken)
    {
        var product = await _products.GetByIdAsync(command.ProductId, cancellationToken)
            ?? throw new NotFoundException("Product", command.ProductId);
        product.Update(Validated.Present(command.Name), command.Description, Validated.Present(command.Price));
        _invalidation.Invalidate(CacheKeys.Product(product.Id));
        return product.ToResponse();
    }
}
