using FluentValidation;
using Mediator;
using Shop.Application.Caching;
using Shop.Application.Catalog.Ports;
using Shop.Application.EdgePorts;
using Shop.Application.Persistence;

namespace Shop.ArchitectureTests.Offenders.Application.Catalog.Cqrs;

public sealed record GetWidgetQuery(Guid WidgetId) : IQuery<bool>;

/// <summary>Offends "query handlers use no write port": a repository.</summary>
internal sealed class GetWidgetHandler : IQueryHandler<GetWidgetQuery, bool>
{
    private readonly IProductRepository _products;

    public GetWidgetHandler(IProductRepository products) => _products = products;

    public async ValueTask<bool> Handle(GetWidgetQuery query, CancellationToken cancellationToken) =>
        await _products.GetByIdAsync(query.WidgetId, cancellationToken) is not null;
}

public sealed record CountWidgetsQuery : IQuery<bool>;

/// <summary>Offends "query handlers use no write port": the unit of work, used only inside an async method body.</summary>
internal sealed class CountWidgetsHandler : IQueryHandler<CountWidgetsQuery, bool>
{
    private readonly IServiceProvider _services;

    public CountWidgetsHandler(IServiceProvider services) => _services = services;

    public async ValueTask<bool> Handle(CountWidgetsQuery query, CancellationToken cancellationToken)
    {
        var unitOfWork = (IUnitOfWork)_services.GetService(typeof(IUnitOfWork))!;
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return true;
    }
}

public sealed record PingWidgetsQuery : IQuery<bool>;

/// <summary>Offends "handlers are internal sealed": public.</summary>
public sealed class PublicPingWidgetsHandler : IQueryHandler<PingWidgetsQuery, bool>
{
    public ValueTask<bool> Handle(PingWidgetsQuery query, CancellationToken cancellationToken) => ValueTask.FromResult(true);
}

/// <summary>Offends "handlers are internal sealed": not sealed.</summary>
internal class UnsealedPingWidgetsHandler : IQueryHandler<PingWidgetsQuery, bool>
{
    public ValueTask<bool> Handle(PingWidgetsQuery query, CancellationToken cancellationToken) => ValueTask.FromResult(true);
}

/// <summary>Offends "handlers are named …Handler".</summary>
internal sealed class PingWidgetsProcessor : IQueryHandler<PingWidgetsQuery, bool>
{
    public ValueTask<bool> Handle(PingWidgetsQuery query, CancellationToken cancellationToken) => ValueTask.FromResult(true);
}

/// <summary>Offends "validators are internal sealed": public.</summary>
public sealed class PublicRenameWidgetValidator : AbstractValidator<RenameWidgetCommand>
{
    public PublicRenameWidgetValidator() => RuleFor(command => command.Name).NotEmpty();
}

/// <summary>Offends "validators are internal sealed": not sealed.</summary>
internal class UnsealedRenameWidgetValidator : AbstractValidator<RenameWidgetCommand>
{
    public UnsealedRenameWidgetValidator() => RuleFor(command => command.Name).NotEmpty();
}

/// <summary>Offends "validators are named …Validator".</summary>
internal sealed class RenameWidgetRules : AbstractValidator<RenameWidgetCommand>
{
    public RenameWidgetRules() => RuleFor(command => command.Name).NotEmpty();
}
