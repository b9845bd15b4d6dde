"""Russian extraction: the same mentions, claims, meetings, agreements and figures as the English path,
from natasha/slovnet's sentence splitting, NER, morphology and dependency parse plus pymorphy3 lemmas."""
