using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Shop.Domain.Events;
using StackExchange.Redis;

namespace Shop.ArchitectureTests.Offenders.Domain.Identity;

/// <summary>Offends "Domain depends on no EF Core": a domain type that is an EF Core DbContext.</summary>
public sealed class DomainTypeUsingEfCore : DbContext
{
}

/// <summary>Offends "Domain depends on no Npgsql": a domain type that reads a connection string.</summary>
public static class DomainTypeUsingNpgsql
{
    public static string? HostOf(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Host;
}

/// <summary>Offends "Domain depends on no StackExchange.Redis": a domain type that names its Redis key.</summary>
public static class DomainTypeUsingRedis
{
    public static RedisKey KeyOf(Guid userId) => new("user:" + userId);
}

/// <summary>Offends "Domain depends on no ASP.NET Core": a domain type that answers HTTP.</summary>
public static class DomainTypeUsingAspNetCore
{
    public static IResult Refuse() => Results.Conflict();
}

/// <summary>Offends "Domain depends on no mediator": a domain event that is also a mediator notification.</summary>
public sealed record DomainTypeUsingMediator(Guid AggregateId) : IDomainEvent, INotification;

/// <summary>Offends "Domain depends on no FluentValidation": a domain rule written as a validator.</summary>
public sealed class DomainTypeUsingFluentValidation : AbstractValidator<string>
{
    public DomainTypeUsingFluentValidation() => RuleFor(email => email).EmailAddress();
}
