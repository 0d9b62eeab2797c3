using FluentValidation;
using Shop.Application.Common;
using Shop.Domain.Identity;

namespace Shop.Application.Identity;

internal static class IdentityRules
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;

    public static IRuleBuilderOptions<T, string> ValidEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty()
            .NoNulCharacter()
            .Must(email => email is null || email.Trim().Length <= EmailAddress.MaxLength)
            .WithMessage($"'email' must be at most {EmailAddress.MaxLength} characters.")
            .Must(email => string.IsNullOrWhiteSpace(email) || email.Trim().Length > EmailAddress.MaxLength
                || EmailAddress.IsWellFormed(email.Trim().ToLowerInvariant()))
            .WithMessage("'email' is not a valid e-mail address.");

    public static IRuleBuilderOptions<T, string> ValidName<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("'name' must not be empty.")
            .NoNulCharacter()
            .Must(name => name is null || name.Trim().Length <= User.MaxNameLength)
            .WithMessage($"'name' must be at most {User.MaxNameLength} characters.");
}
