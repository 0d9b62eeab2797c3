using FluentValidation;
using Shop.Domain.Ordering;

namespace Shop.Application.Ordering;

/// <summary>
/// The Ordering requests' rules. Limits of a request's shape are the HTTP contract's (docs/api.md) and live here, apart
/// from the domain's rules: changing <see cref="Order.MaxLines"/> must not change what a request may carry.
/// </summary>
internal static class OrderingRules
{
    /// <summary>
    /// How many items one PlaceOrder request may carry (docs/api.md: 1..100 items). A request limit, not the domain's
    /// <see cref="Order.MaxLines"/>: items of the same product become one line, and the order refuses a line past its
    /// own limit whatever this one is.
    /// </summary>
    public const int MaxItemsPerRequest = 100;

    /// <summary>A line's quantity: the domain's rule for the same value (<see cref="LineItem"/>), checked here to answer 400 with the field.</summary>
    public static void ValidQuantity<T>(this IRuleBuilder<T, int?> rule) =>
        rule.NotNull().InclusiveBetween(LineItem.MinQuantity, LineItem.MaxQuantity);
}
