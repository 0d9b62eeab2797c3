using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Shop.Application.Behaviors;
using Shop.Application.Errors;
using Shop.Application.Identity.Ports;
using Shop.Application.Validation;
using Shop.Domain.Identity;

namespace Shop.Application.Identity.ChangePassword;

/// <summary>Replaces the caller's password; every other session of the user ends, the caller's stays.</summary>
/// <param name="UserId">The caller.</param>
/// <param name="Token">The caller's session token, the one that stays valid.</param>
/// <param name="CurrentPassword">Must be the user's password.</param>
/// <param name="NewPassword">Meets the rule of every new password (8 to 128 characters); only its hash is kept.</param>
/// <param name="ClientAddress">The caller's address: a wrong current password counts as a failed login from it.</param>
public sealed record ChangePasswordCommand(Guid UserId, string? Token, string? CurrentPassword, string? NewPassword, string ClientAddress)
    : ICommand, IRunsWithoutTransaction;

internal sealed class ChangePasswordValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordValidator()
    {
        RuleFor(command => command.Token).NotEmpty();
        RuleFor(command => command.CurrentPassword).NotEmpty().MaximumLength(IdentityRules.MaxPasswordLength);
        RuleFor(command => command.NewPassword).ValidNewPassword();
    }
}

internal sealed class ChangePasswordHandler : ICommandHandler<ChangePasswordCommand>
{
    private readonly IUserRepository _users;
    private readonly IPasswordHasher _hasher;
    private readonly ISessionStore _sessions;
    private readonly ILoginThrottle _throttle;
    private readonly TimeProvider _clock;

    public ChangePasswordHandler(IUserRepository users, IPasswordHasher hasher, ISessionStore sessions, ILoginThrottle throttle, TimeProvider clock)
    {
        _users = users;
        _hasher = hasher;
        _sessions = sessions;
        _throttle = throttle;
        _clock = clock;
    }

    public async ValueTask<Unit> Handle(ChangePasswordCommand command, CancellationToken cancellationToken)
    {
        var user = await _users.GetByIdAsync(command.UserId, cancellationToken)
            ?? throw new NotFoundException("User", command.UserId);

        // A stolen token must not be a way to guess the password past the login throttle.
        var attempt = await _throttle.TryAttemptAsync(user.Email, command.ClientAddress, cancellationToken);
        LoginThrottling.ThrowIfRefused(attempt);
        if (!user.VerifyPassword(Validated.Present(command.CurrentPassword), _hasher))
        {
            throw new ValidationException([new ValidationFailure(nameof(command.CurrentPassword), "'currentPassword' is wrong.")]);
        }

        await _throttle.SucceededAsync(attempt, cancellationToken);
        // Before the new hash is saved: if Redis fails, nothing has changed; if the save fails, the others only log in again.
        await _sessions.EndAllAsync(user.Id, Validated.Present(command.Token), cancellationToken);
        user.ChangePassword(_hasher.Hash(Validated.Present(command.NewPassword)), _clock);
        return Unit.Value;
    }
}
