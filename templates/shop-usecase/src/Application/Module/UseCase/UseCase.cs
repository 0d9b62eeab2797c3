using FluentValidation;
using Mediator;

namespace Shop.Application.ShopModule.UseCase;

/// <summary>TODO: what UseCase does, in the words of the API documentation.</summary>
/// <remarks>
/// A command changes state and returns at most an id or a small result: change <c>ICommand</c> to
/// <c>ICommand&lt;TResponse&gt;</c> (a sealed record, mapped with the module's Mapperly mapper) if it returns one.
/// Commands are immutable: positional record parameters only, no public setters.
/// </remarks>
public sealed record UseCaseCommand(Guid Id) : ICommand;

/// <summary>Every field error at once; the validation behaviour turns them into a 400 before the handler runs.</summary>
internal sealed class UseCaseValidator : AbstractValidator<UseCaseCommand>
{
    public UseCaseValidator() => RuleFor(command => command.Id).NotEmpty();
}

/// <summary>
/// Runs inside the command's transaction (the transaction behaviour saves and commits after it returns, and rolls
/// back if it throws): load the aggregate through the module's repository port and call its domain method. The
/// cache keys the saved change makes stale are derived by the unit of work. Never call IUnitOfWork here.
/// </summary>
internal sealed class UseCaseHandler : ICommandHandler<UseCaseCommand>
{
    public ValueTask<Unit> Handle(UseCaseCommand command, CancellationToken cancellationToken)
    {
        // TODO: the use case. Throw NotFoundException for a missing aggregate; domain errors come from the domain.
        return ValueTask.FromResult(Unit.Value);
    }
}
