namespace Shop.Application.Behaviors;

/// <summary>
/// A command whose changes are one save at most, with no row locks: it runs without an explicit
/// transaction, so it holds no database connection while it does slow work (hashing a password)
/// or work outside the database (a Redis session).
/// </summary>
public interface IRunsWithoutTransaction;
