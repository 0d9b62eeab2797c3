using FluentValidation;
using Mediator;
using Shop.Application.Behaviors;
using Shop.Application.Errors;
using Shop.Application.Identity.Ports;
using Shop.Application.Validation;
using Shop.Domain.Identity;

namespace Shop.Application.Identity.CreateSession;

/// <summary>Log in: trade an e-mail and password for a bearer token.</summary>
/// <param name="Email">The account's e-mail, in any case.</param>
/// <param name="Password">The account's password.</param>
/// <param name="ClientAddress">The caller's address: failed logins are limited per address and per account from it.</param>
public sealed record CreateSessionCommand(string? Email, string? Password, string ClientAddress) : ICommand<SessionResponse>, IRunsWithoutTransaction;

public sealed record SessionResponse(string Token, Guid UserId, DateTime ExpiresAt);

internal sealed class CreateSessionValidator : AbstractValidator<CreateSessionCommand>
{
    public CreateSessionValidator()
    {
        RuleFor(command => command.Email).ValidEmail();
        RuleFor(command => command.Password).NotEmpty().MaximumLength(IdentityRules.MaxPasswordLength);
    }
}

internal sealed class CreateSessionHandler : ICommandHandler<CreateSessionCommand, SessionResponse>
{
    // Verified against when the e-mail is unknown, so both failures take as long.
    private static string? s_decoyHash;
    private readonly IUserRepository _users;
    private readonly IPasswordHasher _hasher;
    private readonly ISessionStore _sessions;
    private readonly ILoginThrottle _throttle;

    public CreateSessionHandler(IUserRepository users, IPasswordHasher hasher, ISessionStore sessions, ILoginThrottle throttle)
    {
        _users = users;
        _hasher = hasher;
        _sessions = sessions;
        _throttle = throttle;
    }

    public async ValueTask<SessionResponse> Handle(CreateSessionCommand command, CancellationToken cancellationToken)
    {
        var password = Validated.Present(command.Password);
        var email = EmailAddress.Normalize(Validated.Present(command.Email));

        // Before the lookup, and the same for an unknown e-mail: the refusal must not tell whether the account exists.
        var attempt = await _throttle.TryAttemptAsync(email, command.ClientAddress, cancellationToken);
        LoginThrottling.ThrowIfRefused(attempt);

        var user = await _users.FindByEmailAsync(email, cancellationToken);
        if (user is null)
        {
            s_decoyHash ??= _hasher.Hash(Guid.NewGuid().ToString());
            _hasher.Verify(s_decoyHash, password);
            throw new InvalidCredentialsException();
        }

        if (!user.VerifyPassword(password, _hasher))
        {
            throw new InvalidCredentialsException();
        }

        await _throttle.SucceededAsync(attempt, cancellationToken);
        var ticket = await _sessions.CreateAsync(user.Id, user.Email, user.IsAdministrator, cancellationToken);
        return new SessionResponse(ticket.Token, user.Id, ticket.ExpiresAt);
    }
}
