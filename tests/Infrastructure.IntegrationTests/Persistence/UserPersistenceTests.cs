using Microsoft.Extensions.DependencyInjection;
using Shop.Application.Caching;
using Shop.Application.EdgePorts;
using Shop.Application.Identity.Ports;
using Shop.Application.Persistence;
using Shop.Domain.Identity;
using Shop.Infrastructure.IntegrationTests.Support;

namespace Shop.Infrastructure.IntegrationTests.Persistence;

/// <summary>The User aggregate through UserRepository, the unit of work and UserQueries; every step in its own scope.</summary>
public sealed class UserPersistenceTests : IClassFixture<MigratedDatabaseFixture>
{
    // Seven digits of sub-second: the domain keeps six (PostgreSQL's microseconds), and so must the round trip.
    private static readonly DateTimeOffset Registered = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private static readonly DateTime RegisteredToTheMicrosecond = Registered.UtcDateTime.AddTicks(1_234_560);

    private readonly MigratedDatabaseFixture _fixture;

    public UserPersistenceTests(MigratedDatabaseFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_user_round_trips_with_a_normalized_email_and_timestamps_to_the_microsecond()
    {
        var unique = Guid.NewGuid().ToString("N")[..12];
        var clock = new FixedClock(Registered.AddTicks(1_234_567));
        var user = await _fixture.InScopeAsync(async services =>
        {
            var hasher = services.GetRequiredService<IPasswordHasher>();
            var created = User.Create($"  Alice.{unique}@Example.TEST ", "  Alice  ", hasher.Hash("correct horse"), clock);
            services.GetRequiredService<IUserRepository>().Add(created);
            await services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
            return created;
        });
        var email = $"alice.{unique}@example.test";
        Assert.Equal(email, user.Email);
        Assert.Equal(RegisteredToTheMicrosecond, user.CreatedAt);

        await _fixture.InScopeAsync(async services =>
        {
            var loaded = await services.GetRequiredService<IUserRepository>().GetByIdAsync(user.Id, CancellationToken.None);
            Assert.NotNull(loaded);
            Assert.Equal(email, loaded.Email);
            Assert.Equal("Alice", loaded.Name);
            Assert.Equal(user.PasswordHash, loaded.PasswordHash);
            Assert.Equal(RegisteredToTheMicrosecond, loaded.CreatedAt);
            Assert.Equal(RegisteredToTheMicrosecond, loaded.UpdatedAt);
            Assert.Equal(DateTimeKind.Utc, loaded.CreatedAt.Kind);
            Assert.True(loaded.VerifyPassword("correct horse", services.GetRequiredService<IPasswordHasher>()));
            Assert.False(loaded.VerifyPassword("wrong horse", services.GetRequiredService<IPasswordHasher>()));
        });

        // What the row itself holds.
        var row = Assert.Single(await _fixture.QueryAsync(
            "SELECT email, name, created_at, updated_at, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') FROM users WHERE id = $1",
            reader => (Email: reader.GetString(0), Name: reader.GetString(1), Created: reader.GetDateTime(2), Updated: reader.GetDateTime(3), Text: reader.GetString(4)),
            user.Id));
        Assert.Equal(email, row.Email);
        Assert.Equal("Alice", row.Name);
        Assert.Equal(RegisteredToTheMicrosecond, row.Created);
        Assert.Equal(RegisteredToTheMicrosecond, row.Updated);
        Assert.Equal("2025-03-04 05:06:07.123456", row.Text);
    }

    [Fact]
    public async Task A_user_is_found_by_normalized_email_and_reported_as_existing()
    {
        var user = await AddUserAsync();

        await _fixture.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<IUserRepository>();
            var found = await users.FindByEmailAsync(user.Email, CancellationToken.None);
            Assert.NotNull(found);
            Assert.Equal(user.Id, found.Id);
            Assert.True(await users.EmailExistsAsync(user.Email, CancellationToken.None));
            Assert.False(await users.EmailExistsAsync("nobody-" + user.Email, CancellationToken.None));
            Assert.Null(await users.FindByEmailAsync("nobody-" + user.Email, CancellationToken.None));
            Assert.Null(await users.GetByIdAsync(Guid.NewGuid(), CancellationToken.None));
        });
    }

    [Fact]
    public async Task A_rename_is_persisted_with_its_new_updated_at()
    {
        var user = await AddUserAsync();
        var renamedAt = new FixedClock(Registered.AddDays(2).AddTicks(9_876_543));

        await _fixture.InScopeAsync(async services =>
        {
            var loaded = await services.GetRequiredService<IUserRepository>().GetByIdAsync(user.Id, CancellationToken.None);
            loaded!.Rename("Bob", renamedAt);
            await services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        });

        await _fixture.InScopeAsync(async services =>
        {
            var loaded = await services.GetRequiredService<IUserRepository>().GetByIdAsync(user.Id, CancellationToken.None);
            Assert.NotNull(loaded);
            Assert.Equal("Bob", loaded.Name);
            Assert.Equal(RegisteredToTheMicrosecond, loaded.CreatedAt);
            Assert.Equal(Registered.AddDays(2).UtcDateTime.AddTicks(9_876_540), loaded.UpdatedAt);
        });
    }

    [Fact]
    public async Task UserQueries_projects_the_user_and_answers_null_for_an_unknown_id()
    {
        var user = await AddUserAsync();

        await _fixture.InScopeAsync(async services =>
        {
            var queries = services.GetRequiredService<IUserQueries>();
            var response = await queries.GetAsync(user.Id, CancellationToken.None);
            Assert.NotNull(response);
            Assert.Equal(user.Id, response.Id);
            Assert.Equal(user.Email, response.Email);
            Assert.Equal(user.Name, response.Name);
            Assert.Equal(RegisteredToTheMicrosecond, response.CreatedAt);
            Assert.Equal(RegisteredToTheMicrosecond, response.UpdatedAt);

            Assert.Null(await queries.GetAsync(Guid.NewGuid(), CancellationToken.None));
        });
    }

    private Task<User> AddUserAsync() =>
        _fixture.InScopeAsync(async services =>
        {
            var user = User.Create($"user-{Guid.NewGuid():N}@example.test", "Carol", "not-a-real-hash", new FixedClock(Registered.AddTicks(1_234_567)));
            services.GetRequiredService<IUserRepository>().Add(user);
            await services.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
            return user;
        });
}
