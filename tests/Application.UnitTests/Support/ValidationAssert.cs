using FluentValidation;

namespace Shop.Application.UnitTests.Support;

internal static class ValidationAssert
{
    public static void Passes<T>(IValidator<T> validator, T instance)
    {
        var result = validator.Validate(instance);
        Assert.True(
            result.IsValid,
            string.Join("; ", result.Errors.Select(error => $"{error.PropertyName}: {error.ErrorMessage}")));
    }

    /// <summary>Fails, and every failure names <paramref name="propertyName"/>.</summary>
    public static void FailsOn<T>(IValidator<T> validator, T instance, string propertyName)
    {
        var result = validator.Validate(instance);
        Assert.False(result.IsValid);
        Assert.Equal(new[] { propertyName }, result.Errors.Select(error => error.PropertyName).Distinct());
    }
}
