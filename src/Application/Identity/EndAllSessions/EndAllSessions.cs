using FluentValidation;
using Mediator;
using Shop.Application.Behaviors;
using Shop.Application.Identity.Ports;

namespace Shop.Application.Identity.EndAllSessions;

/// <summary>Sign out everywhere: every session of the user stops working at once, the caller's included.</summary>
public sealed record EndAllSessionsCommand(Guid UserId) : ICommand, IRunsWithoutTransaction;

internal sealed class EndAllSessionsValidator : AbstractValidator<EndAllSessionsCommand>
{
    public EndAllSessionsValidator() => RuleFor(command => command.UserId).NotEmpty();
}

internal sealed class EndAllSessionsHandler : ICommandHandler<EndAllSessionsCommand>
{
    private readonly ISessionStore _sessions;

    public EndAllSessionsHandler(ISessionStore sessions) => _sessions = sessions;

    public async ValueTask<Unit> Handle(EndAllSessionsCommand command, CancellationToken cancellationToken)
    {
        await _sessions.EndAllAsync(command.UserId, exceptToken: null, cancellationToken);
        return Unit.Value;
    }
}
