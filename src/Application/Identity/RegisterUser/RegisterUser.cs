using FluentValidation;
using Mediator;
using Shop.Application.Behaviors;
using Shop.Application.Errors;
using Shop.Application.Identity.Ports;
using Shop.Application.Validation;
using Shop.Domain.Identity;

namespace Shop.Application.Identity.RegisterUser;

/// <param name="Email">Trimmed and lower-cased before it is stored.</param>
/// <param name="Name">Display name, 1 to 100 characters.</param>
/// <param name="Password">8 to 128 characters; only its hash is kept.</param>
/// <param name="AsAdministrator">
/// Set only by trusted callers (the `seed` and `create-admin` verbs): an administrator's e-mail cannot be
/// registered through the public API, or anyone could claim it and manage the catalog.
/// </param>
/// <param name="ClientAddress">
/// The caller's address, set by the public endpoint: registrations per address are limited. Trusted callers (the verbs)
/// leave it null and are not limited.
/// </param>
public sealed record RegisterUserCommand(string? Email, string? Name, string? Password, bool AsAdministrator = false, string? ClientAddress = null)
    : ICommand<UserResponse>, IRunsWithoutTransaction;

internal sealed class RegisterUserValidator : AbstractValidator<RegisterUserCommand>
{
    public RegisterUserValidator()
    {
        RuleFor(command => command.Email).ValidEmail();
        RuleFor(command => command.Name).ValidName();
        RuleFor(command => command.Password).NotEmpty()
            .Length(IdentityRules.MinPasswordLength, IdentityRules.MaxPasswordLength);
    }
}

internal sealed class RegisterUserHandler : ICommandHandler<RegisterUserCommand, UserResponse>
{
    private readonly IUserRepository _users;
    private readonly IPasswordHasher _hasher;
    private readonly IAdministrators _administrators;
    private readonly TimeProvider _clock;
    private readonly IRegistrationThrottle _throttle;

    public RegisterUserHandler(
        IUserRepository users, IPasswordHasher hasher, IAdministrators administrators, TimeProvider clock, IRegistrationThrottle throttle)
    {
        _users = users;
        _hasher = hasher;
        _administrators = administrators;
        _clock = clock;
        _throttle = throttle;
    }

    public async ValueTask<UserResponse> Handle(RegisterUserCommand command, CancellationToken cancellationToken)
    {
        // First of all, so that the 409 for a taken e-mail cannot be used to list accounts faster than the limit.
        if (command.ClientAddress is { } clientAddress
            && await _throttle.TryRegisterAsync(clientAddress, cancellationToken) is { Allowed: false } refused)
        {
            throw new TooManyRequestsException("Too many registrations from this address", refused.RetryAfter);
        }

        var email = EmailAddress.Normalize(Validated.Present(command.Email));
        if (_administrators.IsAdministrator(email) && !command.AsAdministrator)
        {
            throw new ConflictException("This e-mail is reserved for an administrator account.");
        }

        if (await _users.EmailExistsAsync(email, cancellationToken))
        {
            throw new ConflictException("A user with this e-mail already exists.");
        }

        var user = User.Create(email, Validated.Present(command.Name), _hasher.Hash(Validated.Present(command.Password)), _clock);
        _users.Add(user);
        return user.ToResponse();
    }
}
