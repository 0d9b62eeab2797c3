using FluentValidation;
using Shop.Application.Validation;
using Shop.Domain.Common;
using Shop.Domain.Identity;

namespace Shop.Application.Identity;

internal static class IdentityRules
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;

    public static IRuleBuilderOptions<T, string?> ValidEmail<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty()
            .NoNulCharacter()
            .Must(email => email is null || email.Trim().Length <= EmailAddress.MaxLength)
            .WithMessage(ValidationMessages.TooLong("email", EmailAddress.MaxLength))
            .Must(email => string.IsNullOrWhiteSpace(email) || email.Trim().Length > EmailAddress.MaxLength
                || EmailAddress.IsWellFormed(email.Trim().ToLowerInvariant()))
            .WithMessage("'email' is not a valid e-mail address.");

    /// <summary>What every new password must meet, at registration and at a change.</summary>
    public static IRuleBuilderOptions<T, string?> ValidNewPassword<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().Length(MinPasswordLength, MaxPasswordLength);

    public static IRuleBuilderOptions<T, string?> ValidName<T>(this IRuleBuilder<T, string?> rule) => rule.ValidName(User.MaxNameLength);
}
