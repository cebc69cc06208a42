"""A tiny application for `howopen audit examples`: it loads the bundled example snapshots by path (run it from
this folder). howopen reads this file with `ast`; it never imports or runs it."""

from transformers import AutoModelForCausalLM, AutoTokenizer

CHAT_MODEL = "../snapshots/llama-3.1-8b-instruct"


def load_chat():
    tokenizer = AutoTokenizer.from_pretrained(CHAT_MODEL)
    model = AutoModelForCausalLM.from_pretrained(CHAT_MODEL, torch_dtype="auto")
    return tokenizer, model


def load_summariser():
    return AutoModelForCausalLM.from_pretrained("../snapshots/pythia-1b")
