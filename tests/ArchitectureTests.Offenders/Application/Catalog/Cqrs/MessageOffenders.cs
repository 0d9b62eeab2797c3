using FluentValidation;
using Mediator;

namespace Shop.ArchitectureTests.Offenders.Application.Catalog.Cqrs;

/// <summary>Offends "every command has a validator": nothing validates it (its handler is well-formed).</summary>
public sealed record ArchiveWidgetCommand(Guid WidgetId) : ICommand;

internal sealed class ArchiveWidgetHandler : ICommandHandler<ArchiveWidgetCommand>
{
    public ValueTask<Unit> Handle(ArchiveWidgetCommand command, CancellationToken cancellationToken) => ValueTask.FromResult(Unit.Value);
}

/// <summary>Offends "commands are immutable": a public setter.</summary>
public sealed class RenameWidgetCommand : ICommand<WidgetResponse>
{
    public Guid WidgetId { get; init; }

    public string Name { get; set; } = string.Empty;
}

/// <summary>Offends "responses are immutable": the response of <see cref="RenameWidgetCommand"/> has a public setter.</summary>
public sealed class WidgetResponse
{
    public Guid Id { get; init; }

    public string Name { get; set; } = string.Empty;
}

internal sealed class RenameWidgetValidator : AbstractValidator<RenameWidgetCommand>
{
    public RenameWidgetValidator() => RuleFor(command => command.Name).NotEmpty();
}

internal sealed class RenameWidgetHandler : ICommandHandler<RenameWidgetCommand, WidgetResponse>
{
    public ValueTask<WidgetResponse> Handle(RenameWidgetCommand command, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new WidgetResponse { Id = command.WidgetId, Name = command.Name });
}

/// <summary>Offends "queries are immutable": a public, writable array.</summary>
public sealed record FindWidgetsQuery(Guid[] WidgetIds) : IQuery<WidgetPage>;

/// <summary>Immutable itself, but it carries <see cref="WidgetLine"/>, which is not.</summary>
public sealed record WidgetPage(IReadOnlyList<WidgetLine> Lines, int Page);

/// <summary>Offends "responses are immutable" one level down: reached through <see cref="WidgetPage.Lines"/>.</summary>
public sealed class WidgetLine
{
    public Guid WidgetId { get; init; }

    public int Quantity { get; set; }
}

internal sealed class FindWidgetsHandler : IQueryHandler<FindWidgetsQuery, WidgetPage>
{
    public ValueTask<WidgetPage> Handle(FindWidgetsQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new WidgetPage([], 1));
}
