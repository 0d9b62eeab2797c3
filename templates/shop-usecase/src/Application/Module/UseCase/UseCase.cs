using FluentValidation;
using Mediator;

namespace Shop.Application.ShopModule.UseCase;

#if (IsQuery)
/// <summary>TODO: what UseCase answers, in the words of the API documentation.</summary>
/// <remarks>
/// A query only reads: it returns a DTO and changes nothing. Queries are immutable: positional record parameters only,
/// no public setters. Before reading, decide where it reads from (docs/extending.md, "What a new query must decide").
/// </remarks>
public sealed record UseCaseQuery(Guid Id) : IQuery<UseCaseResponse>;

/// <summary>TODO: what the answer holds. A sealed record; lists as IReadOnlyList, never arrays or List.</summary>
public sealed record UseCaseResponse(Guid Id);

/// <summary>Every field error at once; the validation behaviour turns them into a 400 before the handler runs.</summary>
internal sealed class UseCaseValidator : AbstractValidator<UseCaseQuery>
{
    public UseCaseValidator() => RuleFor(query => query.Id).NotEmpty();
}

/// <summary>
/// Reads through read ports only: the module's I…Queries service (no tracking, projected straight to the DTO) and
/// ICache. No repository, unit of work or other write port: the architecture tests refuse them in a query handler.
/// </summary>
internal sealed class UseCaseHandler : IQueryHandler<UseCaseQuery, UseCaseResponse>
{
    public ValueTask<UseCaseResponse> Handle(UseCaseQuery query, CancellationToken cancellationToken)
    {
        // TODO: read through the module's I…Queries port; throw NotFoundException when there is nothing to answer.
        return ValueTask.FromResult(new UseCaseResponse(query.Id));
    }
}
#else
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
#if (HasEvent)
/// <remarks>
/// What happened is the aggregate's to say: its method raises DomainEventName (src/Domain/ShopModule/DomainEventName.cs),
/// never this handler. The transaction behaviour writes the event's outbox message before the commit and publishes it
/// after; a reaction in this process is an INotificationHandler of DomainEventNotification in Application that changes
/// no data (docs/extending.md, "Raising a domain event").
/// </remarks>
#endif
internal sealed class UseCaseHandler : ICommandHandler<UseCaseCommand>
{
    public ValueTask<Unit> Handle(UseCaseCommand command, CancellationToken cancellationToken)
    {
        // TODO: the use case. Throw NotFoundException for a missing aggregate; domain errors come from the domain.
        return ValueTask.FromResult(Unit.Value);
    }
}
#endif
