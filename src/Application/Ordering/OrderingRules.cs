using FluentValidation;
using Shop.Domain.Ordering;

namespace Shop.Application.Ordering;

internal static class OrderingRules
{
    public static void ValidQuantity<T>(this IRuleBuilder<T, int?> rule) =>
        rule.NotNull().InclusiveBetween(LineItem.MinQuantity, LineItem.MaxQuantity);
}
