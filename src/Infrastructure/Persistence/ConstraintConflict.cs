namespace Shop.Infrastructure.Persistence;

/// <summary>
/// What a violated constraint means to a client (a 409 with this message): the database enforces it even when two
/// requests race past the handlers' checks. Each module registers its own constraints' meanings.
/// </summary>
/// <param name="Constraint">The constraint's or unique index's name.</param>
/// <param name="Code">The conflict's cause, as the problem's type names it.</param>
/// <param name="Message">The conflict's message.</param>
/// <param name="OnDelete">For a foreign key: whether this is the meaning when a delete violates it (else an insert or update).</param>
internal sealed record ConstraintConflict(string Constraint, string Code, string Message, bool OnDelete = false);
