using FluentValidation;
using Mediator;
using Shop.Application.Errors;
using Shop.Application.Identity.Ports;
using Shop.Application.Validation;

namespace Shop.Application.Identity.RenameUser;

public sealed record RenameUserCommand(Guid UserId, string? Name) : ICommand<UserResponse>;

internal sealed class RenameUserValidator : AbstractValidator<RenameUserCommand>
{
    public RenameUserValidator() => RuleFor(command => command.Name).ValidName();
}

internal sealed class RenameUserHandler : ICommandHandler<RenameUserCommand, UserResponse>
{
    private readonly IUserRepository _users;
    private readonly TimeProvider _clock;

    public RenameUserHandler(IUserRepository users, TimeProvider clock)
    {
        _users = users;
        _clock = clock;
    }

    public async ValueTask<UserResponse> Handle(RenameUserCommand command, CancellationToken cancellationToken)
    {
        var user = await _users.GetByIdAsync(command.UserId, cancellationToken)
            ?? throw new NotFoundException("User", command.UserId);
        user.Rename(Validated.Present(command.Name), _clock);
        return user.ToResponse();
    }
}
