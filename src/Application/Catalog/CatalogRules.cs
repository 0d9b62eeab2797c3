using FluentValidation;
using Shop.Application.Validation;
using Shop.Domain.Catalog;

namespace Shop.Application.Catalog;

internal static class CatalogRules
{
    public static void ValidName<T>(this IRuleBuilder<T, string?> rule) => rule.ValidName(Product.MaxNameLength);

    public static void ValidDescription<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(Product.MaxDescriptionLength).NoNulCharacter();

    public static void ValidPrice<T>(this IRuleBuilder<T, decimal?> rule) => rule.ValidAmount("price");
}
