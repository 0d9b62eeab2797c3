using FluentValidation;
using Mediator;
using Shop.Application.Catalog.Ports;
using Shop.Application.Validation;
using Shop.Domain.Catalog;

namespace Shop.Application.Catalog.CreateProduct;

public sealed record CreateProductCommand(string? Name, string? Description, decimal? Price, int? Stock) : ICommand<ProductResponse>;

internal sealed class CreateProductValidator : AbstractValidator<CreateProductCommand>
{
    public CreateProductValidator()
    {
        RuleFor(command => command.Name).ValidName();
        RuleFor(command => command.Description).ValidDescription();
        RuleFor(command => command.Price).ValidPrice();
        RuleFor(command => command.Stock).NotNull().GreaterThanOrEqualTo(0);
    }
}

internal sealed class CreateProductHandler : ICommandHandler<CreateProductCommand, ProductResponse>
{
    private readonly IProductRepository _products;

    public CreateProductHandler(IProductRepository products) => _products = products;

    public ValueTask<ProductResponse> Handle(CreateProductCommand command, CancellationToken cancellationToken)
    {
        var product = Product.Create(
            Validated.Present(command.Name), command.Description, Validated.Present(command.Price), Validated.Present(command.Stock));
        _products.Add(product);
        return ValueTask.FromResult(product.ToResponse());
    }
}
