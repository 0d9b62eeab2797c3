using FluentValidation;
using Mediator;
using Shop.Application.Behaviors;
using Shop.Application.Errors;
using Shop.Application.Identity.Ports;
using Shop.Application.Validation;
using Shop.Domain.Identity;

namespace Shop.Application.Identity.RegisterUser;

/// <param name="Email">Normalized (<see cref="EmailAddress"/>) before it is stored.</param>
/// <param name="Name">Display name, 1 to 100 characters.</param>
/// <param name="Password">8 to 128 characters, not a common one; only its hash is kept.</param>
/// <param name="AsAdministrator">
/// Set only by trusted callers (the `seed` and `create-admin` verbs): the account is an administrator's by record.
/// An e-mail that has an account already is refused either way; nothing promotes an existing account.
/// </param>
/// <param name="ClientAddress">
/// The caller's address, set by the public endpoint: registrations per address are limited. Trusted callers (the verbs)
/// leave it null and are not limited.
/// </param>
public sealed record RegisterUserCommand(string? Email, string? Name, string? Password, bool AsAdministrator = false, string? ClientAddress = null)
    : ICommand<UserResponse>, IRunsWithoutTransaction
{
    /// <summary>The one answer for an e-mail that cannot be registered, whoever holds it (the unique index's conflict in Infrastructure says the same).</summary>
    public const string TakenEmail = "A user with this e-mail already exists.";

    /// <summary>The cause of that answer, for programs.</summary>
    public const string TakenEmailCode = "email-taken";
}

internal sealed class RegisterUserValidator : AbstractValidator<RegisterUserCommand>
{
    public RegisterUserValidator()
    {
        RuleFor(command => command.Email).ValidEmail();
        RuleFor(command => command.Name).ValidName();
        RuleFor(command => command.Password).ValidNewPassword();
    }
}

internal sealed class RegisterUserHandler : ICommandHandler<RegisterUserCommand, UserResponse>
{
    private readonly IUserRepository _users;
    private readonly IPasswordHasher _hasher;
    private readonly TimeProvider _clock;
    private readonly IRegistrationThrottle _throttle;

    public RegisterUserHandler(
        IUserRepository users, IPasswordHasher hasher, TimeProvider clock, IRegistrationThrottle throttle)
    {
        _users = users;
        _hasher = hasher;
        _clock = clock;
        _throttle = throttle;
    }

    public async ValueTask<UserResponse> Handle(RegisterUserCommand command, CancellationToken cancellationToken)
    {
        // First of all, so that the 409 for a taken e-mail cannot be used to list accounts faster than the limit.
        if (command.ClientAddress is { } clientAddress
            && await _throttle.TryRegisterAsync(clientAddress, cancellationToken) is { Allowed: false } refused)
        {
            throw new TooManyRequestsException("too-many-registrations", "Too many registrations from this address", refused.RetryAfter);
        }

        var email = EmailAddress.Normalize(Validated.Present(command.Email));
        // One answer whoever holds the e-mail, an administrator included: the refusal tells nothing about the account.
        if (await _users.EmailExistsAsync(email, cancellationToken))
        {
            throw new ConflictException(RegisterUserCommand.TakenEmailCode, RegisterUserCommand.TakenEmail);
        }

        var name = Validated.Present(command.Name);
        var hash = _hasher.Hash(Validated.Present(command.Password));
        var user = command.AsAdministrator ? User.CreateAdministrator(email, name, hash, _clock) : User.Create(email, name, hash, _clock);
        _users.Add(user);
        return user.ToResponse();
    }
}
