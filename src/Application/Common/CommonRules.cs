using FluentValidation;
using Shop.Domain.Common;

namespace Shop.Application.Common;

internal static class CommonRules
{
    /// <summary>Present, 0 to 99,999,999.99, at most two decimals.</summary>
    public static void ValidAmount<T>(this IRuleBuilder<T, decimal?> rule, string field) =>
        rule.NotNull()
            .InclusiveBetween(0m, Money.MaxAmount)
            .Must(amount => amount is null || Money.HasAtMostTwoDecimals(amount.Value))
            .WithMessage($"'{field}' must have at most two decimals.");
}
