"""Loading, validating and applying the policy files."""
from .policy import Policy, PolicyInvalid, PolicyStore, load_policy
from .yamlfile import PolicyError

__all__ = ["Policy", "PolicyError", "PolicyInvalid", "PolicyStore", "load_policy"]
