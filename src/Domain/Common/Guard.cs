namespace Shop.Domain.Common;

internal static class Guard
{
    public static string RequiredText(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainValidationException(field, $"'{field}' must not be empty.");
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainValidationException(field, $"'{field}' must be at most {maxLength} characters.");
        }

        return trimmed;
    }

    public static DateTime UtcNow(TimeProvider clock) => clock.GetUtcNow().UtcDateTime;
}
