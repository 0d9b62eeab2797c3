using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Caching;
using Shop.Application.Catalog;
using Shop.Application.Events;
using Shop.Application.Ordering;
using Shop.Application.EdgePorts;

namespace Shop.Application;

public static class DependencyInjection
{
    /// <summary>Validators and per-request services. The mediator itself is wired in WebApi, where its generator runs.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        // Messages name fields as clients send them: camelCase.
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) =>
            member is null ? null : char.ToLowerInvariant(member.Name[0]) + member.Name[1..];
        services.AddValidatorsFromAssemblyContaining<ApplicationAssembly>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddScoped<CacheInvalidation>();
        services.AddScoped<IIntegrationEventMapper, OrderingIntegrationEvents>();
        services.AddScoped<IIntegrationEventMapper, CatalogIntegrationEvents>();
        services.AddScoped<IdempotentRequest>();
        return services;
    }
}

/// <summary>Anchors the Application assembly for scanning and for the architecture tests.</summary>
public sealed class ApplicationAssembly
{
    private ApplicationAssembly()
    {
    }
}
