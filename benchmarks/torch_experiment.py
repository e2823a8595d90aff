"""The training experiment as tutorials write it in torch (compare_activations):
a 20-50-50-2 torch MLP per activation, Adam at 1e-3, 200 full-batch epochs on
make_classification(1000, 20, 15 informative, 5 redundant), 80/20 split.

Only the plotting is removed.  ``--repeats N`` runs it N times with different torch seeds,
the protocol actplot follows (5 activations x 5 seeds).  Needs torch and scikit-learn, which
are not actplot dependencies; benchmarks/experiment.py times it when they are installed.
"""

import sys

import torch
import torch.nn as nn
import torch.optim as optim
from sklearn.datasets import make_classification
from sklearn.model_selection import train_test_split


class SimpleNet(nn.Module):
    def __init__(self, activation="relu"):
        super().__init__()
        self.fc1 = nn.Linear(20, 50)
        self.fc2 = nn.Linear(50, 50)
        self.fc3 = nn.Linear(50, 2)
        self.activation = {"relu": nn.ReLU(), "sigmoid": nn.Sigmoid(), "tanh": nn.Tanh(),
                           "leaky_relu": nn.LeakyReLU(), "elu": nn.ELU()}[activation]  # fmt: skip

    def forward(self, x):
        x = self.activation(self.fc1(x))
        x = self.activation(self.fc2(x))
        return self.fc3(x)


def compare_activations(repeats=1):
    X, y = make_classification(n_samples=1000, n_features=20, n_classes=2, n_informative=15,
                               n_redundant=5, random_state=42)  # fmt: skip
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)
    X_train, X_test = torch.FloatTensor(X_train), torch.FloatTensor(X_test)
    y_train, y_test = torch.LongTensor(y_train), torch.LongTensor(y_test)
    results = {}
    for activation in ["relu", "sigmoid", "tanh", "leaky_relu", "elu"]:
        accuracies = []
        for seed in range(repeats):
            torch.manual_seed(seed)
            model = SimpleNet(activation=activation)
            criterion = nn.CrossEntropyLoss()
            optimizer = optim.Adam(model.parameters(), lr=0.001)
            for _ in range(200):
                optimizer.zero_grad()
                loss = criterion(model(X_train), y_train)
                loss.backward()
                optimizer.step()
            with torch.no_grad():
                predicted = torch.max(model(X_test).data, 1)[1]
                accuracies.append((predicted == y_test).sum().item() / len(y_test))
        results[activation] = sum(accuracies) / len(accuracies)
        print(f"{activation} test accuracy: {results[activation]:.4f}")
    return results


if __name__ == "__main__":
    compare_activations(
        int(sys.argv[sys.argv.index("--repeats") + 1]) if "--repeats" in sys.argv else 1
    )
