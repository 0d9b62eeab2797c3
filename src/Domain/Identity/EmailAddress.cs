using System.Globalization;
using System.Text;
using Shop.Domain.Common;

namespace Shop.Domain.Identity;

/// <summary>
/// How the shop writes an e-mail address: trimmed, the local part in ASCII, the domain in its IDNA ASCII form,
/// lower-case, at most 255 characters; never with control or invisible (format) characters.
/// </summary>
/// <remarks>
/// Two addresses that look alike must not be two accounts. The local part is therefore ASCII only: a Cyrillic 'а',
/// a long 's' ('ſ') or a full-width letter is refused rather than folded. Folding by Unicode NFKC would need ICU,
/// which the host runs without (globalization-invariant mode, where .NET leaves non-ASCII text unnormalized); refusing
/// every non-ASCII local part is stricter than NFKC followed by an ASCII check and answers the same on every machine.
/// A domain may be internationalized: it is stored as IDNA ASCII (xn--), which shows a look-alike for what it is.
/// </remarks>
public static class EmailAddress
{
    public const int MaxLength = 255;
    public const string InvalidMessage = "'email' is not a valid e-mail address.";
    public const string InvisibleCharacterMessage = "'email' must not contain control or invisible characters.";

    public static string Normalize(string? email)
    {
        var trimmed = Guard.RequiredText(email, "email", MaxLength);
        if (HasInvisibleCharacter(trimmed))
        {
            throw new DomainValidationException("email", InvisibleCharacterMessage);
        }

        var canonical = Canonical(trimmed) ?? throw new DomainValidationException("email", InvalidMessage);
        if (canonical.Length > MaxLength)
        {
            throw new DomainValidationException("email", ValidationMessages.TooLong("email", MaxLength));
        }

        return canonical;
    }

    /// <summary>Whether the text holds a control (Cc) or format (Cf) character: a BEL, a zero-width space, a direction mark.</summary>
    public static bool HasInvisibleCharacter(string text) =>
        text.Any(character => char.GetUnicodeCategory(character) is UnicodeCategory.Control or UnicodeCategory.Format);

    /// <summary>The stored form of a trimmed address, or null when it is not a usable address (it may exceed <see cref="MaxLength"/>).</summary>
    public static string? Canonical(string trimmed)
    {
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || HasInvisibleCharacter(trimmed) || !Ascii.IsValid(trimmed.AsSpan(0, at)))
        {
            return null;
        }

        var domain = trimmed[(at + 1)..].ToLowerInvariant();
        if (!Ascii.IsValid(domain))
        {
            try
            {
                domain = new IdnMapping { UseStd3AsciiRules = true }.GetAscii(domain);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        var canonical = (trimmed[..at] + "@" + domain).ToLowerInvariant();
        return IsWellFormed(canonical) ? canonical : null;
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
