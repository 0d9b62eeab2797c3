using Shop.Domain.Identity;

namespace Shop.WebApi.FunctionalTests.Support;

/// <summary>
/// A password hasher the test can hold: while held, every hash or verification waits inside the hasher (holding its
/// request's concurrency permit) until the test lets go. Not held, it answers at once; its hashes are not secure.
/// </summary>
public sealed class HeldPasswordHasher : IPasswordHasher, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly ManualResetEventSlim _open = new(initialState: true);
    private readonly SemaphoreSlim _entered = new(0);

    /// <summary>From now on, a hash waits until <see cref="Release"/>.</summary>
    public void Hold() => _open.Reset();

    /// <summary>Lets every waiting hash, and every later one, go on.</summary>
    public void Release() => _open.Set();

    /// <summary>Waits until a request is hashing while held.</summary>
    public async Task WaitUntilHashingAsync() =>
        Assert.True(await _entered.WaitAsync(Deadline), "No request started hashing a password");

    public string Hash(string password)
    {
        WaitWhileHeld();
        return "held:" + password;
    }

    public bool Verify(string passwordHash, string password)
    {
        WaitWhileHeld();
        return passwordHash == "held:" + password;
    }

    public void Dispose()
    {
        _open.Dispose();
        _entered.Dispose();
    }

    private void WaitWhileHeld()
    {
        if (_open.IsSet)
        {
            return;
        }

        _entered.Release();
        // A synchronous wait, like the real hash's CPU time: it keeps the request's thread and permit.
        if (!_open.Wait(Deadline))
        {
            throw new TimeoutException("The test never released the held password hash.");
        }
    }
}
