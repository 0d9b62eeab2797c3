using FluentValidation;
using Mediator;
using Shop.Application.Catalog.Ports;
using Shop.Application.Pagination;
using Shop.Application.Validation;

namespace Shop.Application.Catalog.SearchProducts;

/// <summary>A page by number (page, pageSize) or, with <paramref name="Cursor"/>, the page after a previous page's nextCursor.</summary>
public sealed record SearchProductsQuery(string? Search, int Page, int PageSize, string? Cursor = null)
    : IQuery<PagedResponse<ProductResponse>>
{
    /// <summary>Numbered pages reach this many rows, page × pageSize; deeper rows are reached by cursor (no OFFSET scan).</summary>
    public const int MaxNumberedRows = 10_000;

    /// <summary>The trigram index serves terms of 3 characters or more; a shorter term would scan the products table.</summary>
    public const int MinSearchLength = 3;

    /// <summary>The longest search term.</summary>
    public const int MaxSearchLength = 255;
}

internal sealed class SearchProductsValidator : AbstractValidator<SearchProductsQuery>
{
    public SearchProductsValidator()
    {
        RuleFor(query => query.Page).ValidPage();
        RuleFor(query => query.PageSize).ValidPageSize();
        RuleFor(query => query.Search).MaximumLength(SearchProductsQuery.MaxSearchLength).NoNulCharacter();
        RuleFor(query => query.Search)
            .Must(search => search!.Trim().Length >= SearchProductsQuery.MinSearchLength)
            .When(query => !string.IsNullOrWhiteSpace(query.Search))
            .WithMessage($"'{{PropertyName}}' must hold at least {SearchProductsQuery.MinSearchLength} characters (or be left out).");
        RuleFor(query => query.Page)
            .Must((query, page) => (long)page * query.PageSize <= SearchProductsQuery.MaxNumberedRows)
            .When(query => query.Page >= 1 && query.PageSize >= 1)
            .WithMessage(FormattableString.Invariant(
                $"'{{PropertyName}}' × 'pageSize' may be at most {SearchProductsQuery.MaxNumberedRows:N0}; go further with the page's nextCursor (?cursor=)."));
        RuleFor(query => query.Cursor)
            .Must(cursor => ProductCursor.TryDecode(cursor, out _))
            .When(query => query.Cursor is not null)
            .WithMessage("'{PropertyName}' is not a cursor this API gave out; pass a page's nextCursor unchanged.");
        RuleFor(query => query.Cursor)
            .Null()
            .When(query => query.Page > 1)
            .WithMessage("'{PropertyName}' cannot be combined with a page other than 1: the cursor says where the page starts.");
    }
}

internal sealed class SearchProductsHandler : IQueryHandler<SearchProductsQuery, PagedResponse<ProductResponse>>
{
    private readonly IProductQueries _products;

    public SearchProductsHandler(IProductQueries products) => _products = products;

    public async ValueTask<PagedResponse<ProductResponse>> Handle(SearchProductsQuery query, CancellationToken cancellationToken)
    {
        ProductCursor.TryDecode(query.Cursor, out var after);
        return await _products.SearchAsync(new ProductSearch(query.Search, query.Page, query.PageSize, after), cancellationToken);
    }
}
