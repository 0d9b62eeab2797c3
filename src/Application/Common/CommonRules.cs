using FluentValidation;
using Shop.Domain.Common;

namespace Shop.Application.Common;

internal static class CommonRules
{
    /// <summary>PostgreSQL text cannot hold U+0000; refuse it here instead of failing in the database.</summary>
    public static IRuleBuilderOptions<T, TText> NoNulCharacter<T, TText>(this IRuleBuilder<T, TText> rule)
        where TText : class? =>
        rule.Must(text => text is not string value || !value.Contains('\0', StringComparison.Ordinal))
            .WithMessage("'{PropertyName}' must not contain the NUL character.");

    public static void ValidPage<T>(this IRuleBuilder<T, int> rule) => rule.InclusiveBetween(1, Paging.MaxPage);

    public static void ValidPageSize<T>(this IRuleBuilder<T, int> rule) => rule.InclusiveBetween(1, Paging.MaxPageSize);

    /// <summary>Present, 0 to 99,999,999.99, at most two decimals.</summary>
    public static void ValidAmount<T>(this IRuleBuilder<T, decimal?> rule, string field) =>
        rule.NotNull()
            .InclusiveBetween(0m, Money.MaxAmount)
            .Must(amount => amount is null || Money.HasAtMostTwoDecimals(amount.Value))
            .WithMessage($"'{field}' must have at most two decimals.");
}
