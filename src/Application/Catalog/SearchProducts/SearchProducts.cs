using FluentValidation;
using Mediator;
using Shop.Application.Catalog.Ports;
using Shop.Application.Common;

namespace Shop.Application.Catalog.SearchProducts;

public sealed record SearchProductsQuery(string? Search, int Page, int PageSize) : IQuery<PagedResponse<ProductResponse>>;

internal sealed class SearchProductsValidator : AbstractValidator<SearchProductsQuery>
{
    public SearchProductsValidator()
    {
        RuleFor(query => query.Page).ValidPage();
        RuleFor(query => query.PageSize).ValidPageSize();
        RuleFor(query => query.Search).MaximumLength(255).NoNulCharacter();
    }
}

internal sealed class SearchProductsHandler : IQueryHandler<SearchProductsQuery, PagedResponse<ProductResponse>>
{
    private readonly IProductQueries _products;

    public SearchProductsHandler(IProductQueries products) => _products = products;

    public async ValueTask<PagedResponse<ProductResponse>> Handle(SearchProductsQuery query, CancellationToken cancellationToken) =>
        await _products.SearchAsync(query.Search, query.Page, query.PageSize, cancellationToken);
}
