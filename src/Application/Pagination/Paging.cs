using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Shop.Application.Pagination;

/// <summary>A page of a list; the product list also says whether totalCount is an estimate and where the next page starts.</summary>
public sealed record PagedResponse<T>(
    IReadOnlyList<T> Items,
    int Page,
    int PageSize,
    int TotalCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [property: Description("True when totalCount is the planner's estimate: counts are exact up to Shop:Catalog:ExactCountLimit (1,000 by default).")]
    bool? TotalCountIsEstimate = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [property: Description("Opaque cursor of the next page (pass it as ?cursor=); absent on the last page.")]
    string? NextCursor = null);

public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>The last page whose offset, (page - 1) * pageSize, still fits in an int.</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;
}
