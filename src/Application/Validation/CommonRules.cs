using FluentValidation;
using Shop.Application.Pagination;
using Shop.Domain.Common;

namespace Shop.Application.Validation;

internal static class CommonRules
{
    // FluentValidation's placeholder, filled with the camelCase field name.
    private const string PropertyName = "{PropertyName}";

    /// <summary>PostgreSQL text cannot hold U+0000; refuse it here instead of failing in the database.</summary>
    public static IRuleBuilderOptions<T, TText> NoNulCharacter<T, TText>(this IRuleBuilder<T, TText> rule)
        where TText : class? =>
        rule.Must(text => TextRules.HasNoNul(text as string))
            .WithMessage(ValidationMessages.ContainsNul(PropertyName));

    /// <summary>The domain's rule for a required name (<see cref="TextRules"/>), for any module's name field.</summary>
    public static IRuleBuilderOptions<T, string?> ValidName<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.Must(TextRules.IsPresent).WithMessage(ValidationMessages.Empty(PropertyName))
            .NoNulCharacter()
            .Must(name => TextRules.FitsWhenTrimmed(name, maxLength)).WithMessage(ValidationMessages.TooLong(PropertyName, maxLength));

    public static void ValidPage<T>(this IRuleBuilder<T, int> rule) => rule.InclusiveBetween(1, Paging.MaxPage);

    public static void ValidPageSize<T>(this IRuleBuilder<T, int> rule) => rule.InclusiveBetween(1, Paging.MaxPageSize);

    /// <summary>Present, 0 to 99,999,999.99, at most two decimals.</summary>
    public static void ValidAmount<T>(this IRuleBuilder<T, decimal?> rule, string field) =>
        rule.NotNull()
            .InclusiveBetween(0m, Money.MaxAmount)
            .Must(amount => amount is null || Money.HasAtMostTwoDecimals(amount.Value))
            .WithMessage($"'{field}' must have at most two decimals.");
}
