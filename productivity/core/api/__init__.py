"""What every JSON API router shares: the API object and its edge (edge.py), one error shape and the
handlers that produce it (errors.py), bounded pagination (core/paging.py) and PATCH bodies (patching.py).

Who is calling, and fetching what they may see or change, need users: they are in accounts/api_auth.py.
"""
