namespace Shop.Domain.Common;

/// <summary>An expected refusal by the domain. Each kind of refusal is its own type.</summary>
public abstract class DomainException : Exception
{
    protected DomainException(string message) : base(message)
    {
    }

    /// <summary>What kind of refusal this is, which decides how a client is told.</summary>
    public abstract ErrorCategory Category { get; }

    /// <summary>The refusal's cause, stable for programs: the last segment of the problem's <c>type</c>.</summary>
    public abstract string Code { get; }
}

/// <summary>A value the domain will not accept (out of range, badly formed).</summary>
public class DomainValidationException : DomainException
{
    public DomainValidationException(string field, string message) : base(message)
    {
        Field = field;
    }

    /// <summary>The camelCase name of the offending field, as a client sends it.</summary>
    public string Field { get; }

    public override ErrorCategory Category => ErrorCategory.Validation;

    public override string Code => "validation-failed";
}

/// <summary>A request that the current state of an aggregate does not allow.</summary>
public abstract class DomainConflictException : DomainException
{
    protected DomainConflictException(string message) : base(message)
    {
    }

    public override ErrorCategory Category => ErrorCategory.Conflict;
}
