using FluentValidation;
using Mediator;
using Shop.Application.Behaviors;
using Shop.Application.Identity.Ports;
using Shop.Application.Validation;

namespace Shop.Application.Identity.EndSession;

/// <summary>Log out: the token stops working at once.</summary>
public sealed record EndSessionCommand(string? Token) : ICommand, IRunsWithoutTransaction;

internal sealed class EndSessionValidator : AbstractValidator<EndSessionCommand>
{
    public EndSessionValidator() => RuleFor(command => command.Token).NotEmpty();
}

internal sealed class EndSessionHandler : ICommandHandler<EndSessionCommand>
{
    private readonly ISessionStore _sessions;

    public EndSessionHandler(ISessionStore sessions) => _sessions = sessions;

    public async ValueTask<Unit> Handle(EndSessionCommand command, CancellationToken cancellationToken)
    {
        await _sessions.DeleteAsync(Validated.Present(command.Token), cancellationToken);
        return Unit.Value;
    }
}
