namespace Shop.Application.Common;

public sealed record PagedResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);

public static class Paging
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>The last page whose offset, (page - 1) * pageSize, still fits in an int.</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;
}
