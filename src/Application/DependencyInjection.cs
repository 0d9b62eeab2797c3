using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Common.Ports;

namespace Shop.Application;

public static class DependencyInjection
{
    /// <summary>Validators and per-request services. The mediator itself is wired in WebApi, where its generator runs.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<ApplicationAssembly>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddScoped<CacheInvalidation>();
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
