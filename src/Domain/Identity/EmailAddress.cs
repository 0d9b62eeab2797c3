using Shop.Domain.Common;

namespace Shop.Domain.Identity;

/// <summary>How the shop writes an e-mail address: trimmed, lower-case, at most 255 characters.</summary>
public static class EmailAddress
{
    public const int MaxLength = 255;

    public static string Normalize(string? email)
    {
        var normalized = Guard.RequiredText(email, "email", MaxLength).ToLowerInvariant();
        if (!IsWellFormed(normalized))
        {
            throw new DomainValidationException("email", "'email' is not a valid e-mail address.");
        }

        return normalized;
    }

    public static bool IsWellFormed(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1 || at > 64)
        {
            return false;
        }

        var domain = email[(at + 1)..];
        return !email.Any(char.IsWhiteSpace)
            && !email.Contains("..", StringComparison.Ordinal)
            && domain.Contains('.', StringComparison.Ordinal)
            && !domain.StartsWith('.')
            && !domain.EndsWith('.')
            && !domain.StartsWith('-');
    }
}
