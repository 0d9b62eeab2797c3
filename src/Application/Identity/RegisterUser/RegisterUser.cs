using FluentValidation;
using Mediator;
using Shop.Application.Common.Errors;
using Shop.Application.Identity.Ports;
using Shop.Domain.Identity;

namespace Shop.Application.Identity.RegisterUser;

public sealed record RegisterUserCommand(string Email, string Name, string Password) : ICommand<UserResponse>;

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
    private readonly TimeProvider _clock;

    public RegisterUserHandler(IUserRepository users, IPasswordHasher hasher, TimeProvider clock)
    {
        _users = users;
        _hasher = hasher;
        _clock = clock;
    }

    public async ValueTask<UserResponse> Handle(RegisterUserCommand command, CancellationToken cancellationToken)
    {
        var email = EmailAddress.Normalize(command.Email);
        if (await _users.EmailExistsAsync(email, cancellationToken).ConfigureAwait(false))
        {
            throw new ConflictException("A user with this e-mail already exists.");
        }

        var user = User.Create(email, command.Name, _hasher.Hash(command.Password), _clock);
        _users.Add(user);
        return user.ToResponse();
    }
}
