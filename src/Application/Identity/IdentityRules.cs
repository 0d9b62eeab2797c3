using FluentValidation;
using Shop.Application.Validation;
using Shop.Domain.Common;
using Shop.Domain.Identity;

namespace Shop.Application.Identity;

internal static class IdentityRules
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;

    /// <summary>The domain's rule (<see cref="EmailAddress"/>), one message per address: the first thing wrong with it.</summary>
    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty()
            .NoNulCharacter()
            .Must(email => EmailProblem(email) is not EmailCheck.TooLong).WithMessage(ValidationMessages.TooLong("email", EmailAddress.MaxLength))
            .Must(email => EmailProblem(email) is not EmailCheck.Invisible).WithMessage(EmailAddress.InvisibleCharacterMessage)
            .Must(email => EmailProblem(email) is not EmailCheck.Malformed).WithMessage(EmailAddress.InvalidMessage);

    /// <summary>Every password a user chooses, at registration and at a change: 8 to 128 characters and not one of the common ones (NIST SP 800-63B).</summary>
    public static IRuleBuilderOptions<T, string?> ValidNewPassword<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty()
            .Length(MinPasswordLength, MaxPasswordLength)
            .Must(password => password is null || password.Length < MinPasswordLength || !CommonPasswords.Contains(password))
            .WithMessage("'{PropertyName}' is too common; choose one that is not on the list of common passwords.");

    private enum EmailCheck
    {
        None,
        Invisible,
        TooLong,
        Malformed,
    }

    // Empty and NUL have rules of their own above.
    private static EmailCheck EmailProblem(string? email)
    {
        if (!TextRules.IsPresent(email) || !TextRules.HasNoNul(email))
        {
            return EmailCheck.None;
        }

        var trimmed = email.Trim();
        if (trimmed.Length > EmailAddress.MaxLength)
        {
            return EmailCheck.TooLong;
        }

        if (EmailAddress.HasInvisibleCharacter(trimmed))
        {
            return EmailCheck.Invisible;
        }

        return EmailAddress.Canonical(trimmed) switch
        {
            null => EmailCheck.Malformed,
            { Length: > EmailAddress.MaxLength } => EmailCheck.TooLong,
            _ => EmailCheck.None,
        };
    }

    public static IRuleBuilderOptions<T, string?> ValidName<T>(this IRuleBuilder<T, string?> rule) => rule.ValidName(User.MaxNameLength);
}
